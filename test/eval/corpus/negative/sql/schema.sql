CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  api_token_hash bytea,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO users (id, email, password_hash) VALUES ('8b47d632-bb06-44ae-a525-686445fa8c3c', 'admin@example.com', crypt('changeme', gen_salt('bf')));
