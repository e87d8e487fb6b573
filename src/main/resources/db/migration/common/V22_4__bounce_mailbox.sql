-- The last message of each bounce mailbox that was ingested, by IMAP UID: a mailbox is read
-- from the next UID on, whatever its messages' \Seen flags. UIDs hold only within one
-- UIDVALIDITY: when the server changes it, the mailbox is read from its start again (each
-- report is still applied once).
CREATE TABLE bounce_mailbox (
    mailbox       VARCHAR(500)             NOT NULL,
    uid_validity  BIGINT                   NOT NULL,
    last_uid      BIGINT                   NOT NULL,
    ingested_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (mailbox, uid_validity)
);
