-- The order's managing force after a transfer of management (null while the applicant force manages it: every
-- copy published before the column existed) and the day it was served. Both come with the order's facts and its
-- version rule: an older copy never overwrites a newer one.
ALTER TABLE order_facts ADD COLUMN managing_force_code text;
ALTER TABLE order_facts ADD COLUMN served_on date;
