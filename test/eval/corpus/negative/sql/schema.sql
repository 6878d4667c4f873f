CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  api_token_hash bytea,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO users (id, email, password_hash) VALUES ('b999238a-3447-4d76-af82-561ac0a6b41b', 'admin@example.com', crypt('changeme', gen_salt('bf')));
