-- Cross-subgraph events (docs/adr/0002-cross-subgraph-events.md). A subgraph writes the events a change
-- causes into event_outbox in the SAME transaction as the change, so an event
-- exists if and only if its change committed; the relay publishes them to the
-- bus afterwards (at least once). A consumer records each event it applied in
-- processed_event in the same transaction as the change it made, so a
-- redelivered event is recognised and skipped (exactly-once effect).
CREATE TABLE event_outbox (
  position      bigserial PRIMARY KEY,           -- publication order
  event_id      text NOT NULL UNIQUE,
  stream        text NOT NULL,
  type          text NOT NULL,
  payload       jsonb NOT NULL,
  occurred_at   timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz
);
-- The relay's only question: what is not published yet, oldest first.
CREATE INDEX event_outbox_unpublished ON event_outbox (position) WHERE published_at IS NULL;

CREATE TABLE processed_event (
  consumer_group  text NOT NULL,
  event_id        text NOT NULL,
  processed_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);

-- Events a consumer could not apply because the domain refused them (the order
-- it names does not exist here, the decision no longer fits the order). Kept,
-- with the reason, for a person to resolve: never silently dropped.
CREATE TABLE rejected_event (
  consumer_group  text NOT NULL,
  event_id        text NOT NULL,
  stream          text NOT NULL,
  type            text NOT NULL,
  payload         jsonb NOT NULL,
  reason          text NOT NULL,
  rejected_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);
