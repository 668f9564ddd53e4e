-- Name matching for cross-force searches: case-, accent- and punctuation-insensitive
-- ("Seán O'Brien" finds "Sean OBrien"). A SQL function rather than the unaccent
-- extension, so Postgres and PGlite behave identically; IMMUTABLE so it can be indexed.
-- translate() deletes the characters of the first list that have no counterpart
-- in the second: apostrophes, hyphens, spaces and full stops.
CREATE FUNCTION search_key(name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT lower(translate(name,
      'ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆČçćčĎďÈÉÊËĒĖĘĚèéêëēėęěĞğÌÍÎÏĪĮİìíîïīįıŁłÑŃŇñńňÒÓÔÕÖØŌŐòóôõöøōőŘřŚŠŞȘśšşșŤŢȚťţțÙÚÛÜŪŮŰŲùúûüūůűųÝŸýÿŹŻŽźżž''’‘-. ',
      'AAAAAAAAAaaaaaaaaaCCCcccDdEEEEEEEEeeeeeeeeGgIIIIIIIiiiiiiiLlNNNnnnOOOOOOOOooooooooRrSSSSssssTTTtttUUUUUUUUuuuuuuuuYYyyZZZzzz'
    ))
  $$;

DROP INDEX person_family_name_dob;
DROP INDEX person_alias_family_name;
CREATE INDEX person_search ON person (search_key(family_name), date_of_birth);
CREATE INDEX person_alias_search ON person_alias (search_key(family_name));
