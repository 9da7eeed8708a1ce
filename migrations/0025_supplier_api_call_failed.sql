-- What a failed call to a supplier's platform is — no answer (status 0: a network error, a
-- timeout) or an HTTP status of 400 or more — said once, for the API call log's filter and rows
-- and the dashboard's API health per connector.
CREATE FUNCTION supplier_api_call_failed(status integer) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN status = 0 OR status >= 400;
