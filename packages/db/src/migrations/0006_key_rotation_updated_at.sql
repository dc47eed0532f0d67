-- A key rotation (`npm run keys:rotate`) re-encrypts rows without editing them: its transactions
-- set huntzen.key_rotation = 'on', and updated_at then keeps its value (a journal entry or a
-- clinical note must not look edited on the day the key changed). Anyone may set that flag; it
-- only keeps a timestamp, so nothing is gained by abusing it.
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('huntzen.key_rotation', true) = 'on' THEN
    RETURN NEW;
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
