-- The register of confidentiality incidents (Québec's Law 25, s. 3.8 of the private sector act,
-- and GDPR art. 33(5)): every incident involving personal information, serious or not, with what
-- is known of it, the assessment of the risk of serious injury, who was notified and when, and
-- what was done. Owned by privacy (src/privacy/incident_register); staff read it with audit:read
-- and record it with settings:manage (/admin/incidents).
CREATE TABLE confidentiality_incidents (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  discovered_on         date NOT NULL,
  occurred_on           date,  -- NULL: not known (yet)
  description           text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 5000),
  -- The categories of personal information concerned, in the shop's words ("emails, names").
  data_categories       text NOT NULL CHECK (char_length(data_categories) BETWEEN 1 AND 1000),
  people_affected       integer CHECK (people_affected >= 0),  -- NULL: not known (yet)
  -- Whether the incident presents a risk of serious injury (Law 25) / a high risk to the rights
  -- and freedoms of the people (GDPR), and why.
  serious_risk          text NOT NULL DEFAULT 'not_assessed'
                        CHECK (serious_risk IN ('not_assessed', 'low', 'serious')),
  risk_assessment       text NOT NULL DEFAULT '' CHECK (char_length(risk_assessment) <= 5000),
  -- The Commission d'accès à l'information (or the CNIL) and the people concerned: when notified.
  authority_notified_on date,
  people_notified_on    date,
  measures              text NOT NULL DEFAULT '' CHECK (char_length(measures) <= 5000),
  recorded_by           bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  -- Each save names the version its page showed (optimistic locking) and increases it.
  version               integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK (occurred_on IS NULL OR occurred_on <= discovered_on)
);
CREATE INDEX confidentiality_incidents_list_idx
  ON confidentiality_incidents (discovered_on DESC, id DESC);

-- Entries are kept at least five years after the incident was discovered (the Commission's
-- regulation asks the register be kept five years after the shop learned of it): the application
-- has no way to delete one, and the database refuses to before then.
CREATE FUNCTION confidentiality_incidents_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' OR OLD.discovered_on > current_date - interval '5 years' THEN
    RAISE EXCEPTION 'confidentiality_incidents: entries are kept five years (% refused)', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END
$$;
CREATE TRIGGER confidentiality_incidents_no_delete BEFORE DELETE ON confidentiality_incidents
  FOR EACH ROW EXECUTE FUNCTION confidentiality_incidents_kept();
CREATE TRIGGER confidentiality_incidents_no_truncate BEFORE TRUNCATE ON confidentiality_incidents
  FOR EACH STATEMENT EXECUTE FUNCTION confidentiality_incidents_kept();
