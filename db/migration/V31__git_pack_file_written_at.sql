-- When a pack file was written: files of packs never committed (a push refused after its pack arrived, a write that
-- died) are deleted once they are old enough that no write can still be committing them.
alter table git_pack_file add column written_at timestamptz not null default now();
