-- When a communication was handed to a transport that cannot tell a repeated hand-over
-- from a new message (SMTP, an SMS provider), committed before the hand-over: a run that
-- stops before the transport's answer is recorded leaves it set on a RENDERED row, and the
-- resumed run records that communication as sent in doubt instead of sending it again.
ALTER TABLE communication ADD COLUMN handed_over_at TIMESTAMP WITH TIME ZONE;
