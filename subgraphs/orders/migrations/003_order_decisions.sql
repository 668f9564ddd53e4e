-- Applying court decisions (stream hearing-outcomes). Every change of an
-- order's facts bumps its version, which the order-facts copies of hearings
-- and breaches use to never let an older copy overwrite a newer one.
ALTER TABLE stalking_protection_order ADD COLUMN version int NOT NULL DEFAULT 1;

-- The last serial of each force's order references in a year (SPO/07/2020/0002),
-- so a full order made by a decision gets the next one. Seeded from the orders
-- already there the first time a force-year is used.
CREATE TABLE order_reference_serial (
  force_code   text NOT NULL,
  year         int  NOT NULL,
  last_serial  int  NOT NULL,
  PRIMARY KEY (force_code, year)
);
