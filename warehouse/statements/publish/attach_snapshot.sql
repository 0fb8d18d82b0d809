-- ? = path of the new snapshot file (a temp name, renamed once complete).
ATTACH ? AS published_snapshot;
