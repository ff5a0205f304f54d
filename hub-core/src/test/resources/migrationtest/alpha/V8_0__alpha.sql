-- A module low in the layers (test fixture of ModuleMigrationsTest).
CREATE TABLE hub.alpha (id integer PRIMARY KEY, name text NOT NULL);
