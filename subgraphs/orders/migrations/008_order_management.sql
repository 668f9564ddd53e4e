-- Management of an order after the respondent moves (domain/management.ts, s.14(1)): the applicant force manages
-- its order until management is transferred to the force of the area the respondent now lives in. The managing
-- force is part of the order's facts (null while the applicant force manages it); its callers cover the order's
-- detail as the applicant force's do, so it is indexed like the applicant force.
ALTER TABLE stalking_protection_order ADD COLUMN managing_force_code text;
CREATE INDEX stalking_protection_order_managing_force ON stalking_protection_order (managing_force_code)
  WHERE managing_force_code IS NOT NULL;

-- Every transfer, in the order recorded: who managed the order when, and which force asked.
CREATE TABLE order_management_transfer (
  order_id                text NOT NULL REFERENCES stalking_protection_order (id),
  position                int NOT NULL,
  from_force_code         text NOT NULL,
  to_force_code           text NOT NULL,
  requested_by_force_code text NOT NULL,
  transferred_on          date NOT NULL,
  PRIMARY KEY (order_id, position)
);
