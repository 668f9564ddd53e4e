-- The status rule in SQL, once: the twin of deriveOrderStatus
-- (domain/order-status.ts), which a property test holds to the same answers
-- (subgraphs/orders/__tests__/order-status.property.test.ts). The status filter
-- and the statistics query call it (orders/order/order-status.ts), and so does
-- the statistics trigger below: an order counts as in force exactly when this
-- function says IN_FORCE. Dates compare as dates, as ISO strings do in
-- TypeScript. A simple SQL function: the planner inlines it into the query.
CREATE FUNCTION order_status(o stalking_protection_order, as_of date)
  RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT CASE
      WHEN o.ended_on IS NOT NULL AND o.end_reason IS NOT NULL AND o.ended_on <= as_of THEN o.end_reason
      WHEN o.made_on IS NULL OR o.made_on > as_of THEN 'APPLIED'
      WHEN NOT o.until_further_order AND o.expires_on IS NOT NULL AND o.expires_on <= as_of THEN 'EXPIRED'
      ELSE 'IN_FORCE'
    END
  $$;

-- What an order contributes to the statistics of 002_order_statistics.sql,
-- redefined on order_status instead of a third copy of the rule:
--   +1 interim_made or full_made on made_on;
--   +1 active_change on made_on when the order is in force that day, and -1 on
--      the first later day it is not. The status only changes on the days the
--      facts name (made_on, ended_on, expires_on), so that day is the earliest
--      of ended_on and expires_on after made_on on which it is not IN_FORCE.
-- It gives the same deltas as the definition it replaces (the property tests
-- of both migrations hold it to the order rows), so the counts already kept
-- stay right and need no rebuild.
CREATE OR REPLACE FUNCTION order_statistics_contributions(o stalking_protection_order, sign int)
  RETURNS SETOF order_statistics_delta
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT c.day, o.applicant_force_code, sign * c.interim_made, sign * c.full_made, sign * c.active_change
      FROM (SELECT order_status(o, o.made_on) = 'IN_FORCE' AS in_force_when_made,
                   (SELECT min(v.day) FROM (VALUES (o.ended_on), (o.expires_on)) AS v (day)
                     WHERE v.day > o.made_on AND order_status(o, v.day) <> 'IN_FORCE') AS first_day_not_in_force) s
     CROSS JOIN LATERAL (VALUES
             (o.made_on, (o.kind = 'INTERIM')::int, (o.kind = 'FULL')::int, s.in_force_when_made::int),
             (CASE WHEN s.in_force_when_made THEN s.first_day_not_in_force END, 0, 0, -1)
           ) AS c (day, interim_made, full_made, active_change)
     WHERE c.day IS NOT NULL AND o.made_on IS NOT NULL
  $$;
