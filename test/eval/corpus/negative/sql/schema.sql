CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  api_token_hash bytea,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO users (id, email, password_hash) VALUES ('e9a49be8-ff14-401d-a811-cace80271455', 'admin@example.com', crypt('changeme', gen_salt('bf')));
