-- An event stays in the outbox until every consuming group has applied it, not merely until the bus took it:
-- a Redis that restarts without its data loses what it held, and the relay then publishes it again
-- (consumers apply each event once: processed_event). published_at says the bus took it, in which of the
-- bus's lives (bus_epoch: a marker Redis loses with its data) and under which entry id; confirmed_at says
-- every consuming group acknowledged it, which each does only after its inbox transaction committed.
ALTER TABLE event_outbox ADD COLUMN bus_epoch text;
ALTER TABLE event_outbox ADD COLUMN bus_entry_id text;
ALTER TABLE event_outbox ADD COLUMN confirmed_at timestamptz;
-- What was published before confirmations existed went out under the old rule: taken as confirmed.
UPDATE event_outbox SET confirmed_at = published_at WHERE published_at IS NOT NULL;
-- The relay's second question: what the bus has and the consumers have not yet confirmed.
CREATE INDEX event_outbox_unconfirmed ON event_outbox (position) WHERE published_at IS NOT NULL AND confirmed_at IS NULL;
-- Retention: confirmed events are deleted after a while, oldest first.
CREATE INDEX event_outbox_confirmed_at ON event_outbox (confirmed_at) WHERE confirmed_at IS NOT NULL;
