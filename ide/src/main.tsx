import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import "graphiql/graphiql.css";
import { useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import "./ide.css";
import { MemoryStorage } from "./memory-storage";

const storage = new MemoryStorage();

/**
 * The development IDE: GraphiQL from the project's own packages (nothing from
 * a CDN, so it works on a network without internet), and a token field whose
 * value goes out as the bearer token of every request. The token is held in
 * this page's memory only, as is everything GraphiQL remembers.
 */
function Ide() {
  const [token, setToken] = useState("");
  const fetcher = useMemo(
    () =>
      createGraphiQLFetcher({
        url: "/graphql",
        headers: token.trim() === "" ? {} : { authorization: `Bearer ${token.trim()}` },
      }),
    [token],
  );
  return (
    <div className="ide">
      <form className="ide-token" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="ide-token">Bearer token</label>
        <input
          id="ide-token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="npm run token --silent -- --persona national-analyst"
          value={token}
          onChange={(event) => setToken(event.target.value)}
        />
      </form>
      <div className="ide-graphiql">
        <GraphiQL fetcher={fetcher} storage={storage} shouldPersistHeaders={false} />
      </div>
    </div>
  );
}

createRoot(document.getElementById("ide")!).render(<Ide />);
