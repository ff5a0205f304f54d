-- Word (.docx) and Excel (.xlsx) attachments: their content types are longer than the 32 characters allowed so far.
ALTER TABLE hub.care_attachment DROP CONSTRAINT care_attachment_content_type_check;
ALTER TABLE hub.care_attachment ALTER COLUMN content_type TYPE varchar(100);
ALTER TABLE hub.care_attachment ADD CONSTRAINT care_attachment_content_type_check CHECK (content_type IN (
    'image/jpeg', 'image/png', 'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
