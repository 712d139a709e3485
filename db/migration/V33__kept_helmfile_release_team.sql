-- A kept helmfile layout's releases may belong to several teams: the team of a release named here, the layout's own
-- team for the rest (as a conversion takes teams per release).
create table kept_helmfile_release_team (
    release text primary key,
    team    text not null
);
