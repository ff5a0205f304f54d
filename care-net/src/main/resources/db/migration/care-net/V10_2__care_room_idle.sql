-- A room idle for a year is listed to the support centre; its applicant and caretaker are told (by mail) before
-- it is deleted. idle_notified_at records that notice; deletion requires it.
ALTER TABLE hub.care_room ADD COLUMN idle_notified_at timestamptz;
CREATE INDEX care_room_by_activity ON hub.care_room (last_activity_at);
