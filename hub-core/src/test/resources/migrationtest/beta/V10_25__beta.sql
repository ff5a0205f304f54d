-- A module above alpha: its table refers to alpha's, so alpha's migrations must have run first.
CREATE TABLE hub.beta (id integer PRIMARY KEY, alpha_id integer NOT NULL REFERENCES hub.alpha (id));
