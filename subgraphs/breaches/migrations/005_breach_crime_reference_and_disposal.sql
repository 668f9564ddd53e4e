-- The crime reference the reporting force gave the breach (domain/breach-report.ts checks its shape against the
-- reporting force and the dates), and the structured disposal of a conviction at the sentencing hearing
-- (domain/breach-disposals.ts): a JSON array of disposals, each {"type", "length", "suspendedFor", "amountPence"},
-- checked before it is written. Both are null until given; breaches recorded before them keep null.
ALTER TABLE breach_offence ADD COLUMN crime_reference text;
ALTER TABLE breach_offence ADD COLUMN disposal text CHECK (disposal IS NULL OR jsonb_typeof(disposal::jsonb) = 'array');
