-- The event database of newsevents (DuckDB), schema version 2 (2: mentions.language, events.language).
-- One row per document in `documents`; its sentences, actor mentions and event mentions point
-- back to it by doc_id. `events` groups mentions across documents as GDELT does: one row per
-- (date, source code, target code, CAMEO code), with NumMentions, NumSources and NumArticles.
-- Statements are separated by ';' on a line of their own end; comments start with '--'.

-- Key/value facts about the database: schema_version, created_by, migrated_to_<n> (timestamps).
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- A document as stored: its clean text and metadata. Key: doc_id; content_hash (sha1 of the clean
-- text) tells an unchanged document (skipped on re-ingest) from a changed one (recoded, replaced).
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    status VARCHAR NOT NULL,          -- coded | skipped (language the coder does not support)
    skip_reason VARCHAR,
    url VARCHAR,
    title VARCHAR,
    date DATE,                        -- publication date
    source_name VARCHAR,              -- site name, as the page gives it
    source VARCHAR,                   -- source_name or the URL's host: what NumSources counts
    language VARCHAR,
    origin VARCHAR,                   -- the path (and record) it was read from
    text VARCHAR,                     -- clean text: every span points into it
    n_sentences INTEGER,
    n_actors INTEGER,
    n_mentions INTEGER,
    ingested_at TIMESTAMP
);

-- Sentences of coded documents, with character spans into documents.text.
CREATE TABLE IF NOT EXISTS sentences (
    doc_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR,
    PRIMARY KEY (doc_id, sentence_index)
);

-- Every actor mention the coder found (CAMEO actor code, country, sector, span).
CREATE TABLE IF NOT EXISTS actors (
    doc_id VARCHAR NOT NULL,
    actor_index INTEGER NOT NULL,
    text VARCHAR,
    name VARCHAR,
    code VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    PRIMARY KEY (doc_id, actor_index)
);

-- Each coded event as it was found in one sentence (GDELT's mentions table). mention_id is the
-- record's event_id (document, sentence, dyad, code and spans); event_id points into `events`.
-- `record` holds the full JSON event record of the coder.
CREATE TABLE IF NOT EXISTS mentions (
    mention_id VARCHAR PRIMARY KEY,
    event_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    sentence_index INTEGER,
    sentence_start INTEGER,
    sentence_end INTEGER,
    date DATE,
    date_basis VARCHAR,               -- explicit | relative | publication
    source_code VARCHAR, source_text VARCHAR, source_name VARCHAR, source_country VARCHAR,
    source_sector VARCHAR, source_start INTEGER, source_end INTEGER,
    target_code VARCHAR, target_text VARCHAR, target_name VARCHAR, target_country VARCHAR,
    target_sector VARCHAR, target_start INTEGER, target_end INTEGER,
    cameo VARCHAR NOT NULL,
    cameo_name VARCHAR,
    quad_class INTEGER,
    goldstein DOUBLE,
    plover_type VARCHAR, plover_mode VARCHAR, plover_context VARCHAR,
    trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
    negated BOOLEAN,
    modality VARCHAR,                 -- asserted | intended | hypothetical
    location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
    location_adm1 VARCHAR, location_id VARCHAR,
    confidence DOUBLE,
    record JSON,
    language VARCHAR                  -- the document's language (en, ru): which coder read it
);

-- Events grouped across documents (GDELT's event table): one row per date, dyad and CAMEO code
-- (negated or non-asserted mentions form rows of their own). event_id = sha1 of
-- "date|source|target|cameo" (plus "|negated|modality" when not a plain assertion), first 16 hex.
-- Descriptive fields (names, location, sentence, url) come from the first mention (by doc_id,
-- sentence); the counts are recomputed from `mentions` whenever a batch touches the event.
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    date DATE,
    source_code VARCHAR,
    target_code VARCHAR,
    cameo VARCHAR NOT NULL,
    cameo_root VARCHAR,
    cameo_name VARCHAR,
    quad_class INTEGER,
    goldstein DOUBLE,
    plover_type VARCHAR, plover_mode VARCHAR, plover_context VARCHAR,
    negated BOOLEAN,
    modality VARCHAR,
    source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
    location_adm1 VARCHAR, location_id VARCHAR,
    num_mentions INTEGER,             -- mentions of the event
    num_sources INTEGER,              -- distinct known sources (documents.source) among them
    num_articles INTEGER,             -- distinct documents among them
    is_root BOOLEAN,                  -- some mention is the lead sentence of its document
    confidence DOUBLE,                -- mean confidence of the mentions
    first_doc_id VARCHAR,
    first_sentence_index INTEGER,
    sentence VARCHAR,                 -- the sentence of the first mention
    url VARCHAR,                      -- the url of the first mention's document
    date_added TIMESTAMP,             -- when its first document was ingested
    language VARCHAR                  -- the language of the first mention's document (en, ru)
);

-- Inputs and documents that could not be stored, with the stage and the reason. reject_id is a
-- hash of origin, doc_id, stage and reason, so re-ingesting the same bad input adds nothing.
CREATE TABLE IF NOT EXISTS rejects (
    reject_id VARCHAR PRIMARY KEY,
    origin VARCHAR,
    doc_id VARCHAR,
    stage VARCHAR,
    reason VARCHAR,
    rejected_at TIMESTAMP
);

CREATE INDEX IF NOT EXISTS mentions_event ON mentions (event_id);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id);
