-- The trace the change that wrote an event ran in (W3C trace context: ids only), when tracing is on, so the
-- event's handling in another subgraph continues that trace. Null when tracing is off.
ALTER TABLE event_outbox ADD COLUMN trace_context jsonb;
