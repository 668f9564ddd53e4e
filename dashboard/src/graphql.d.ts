/** An operation of dashboard/operations/: its trusted document id (sha256 of its text), never the text (scripts/dashboard.js). */
declare module "*.graphql" {
  const id: string;
  export default id;
}
