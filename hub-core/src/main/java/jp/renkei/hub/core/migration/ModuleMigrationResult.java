package jp.renkei.hub.core.migration;

/** What one start did to a module's history: rows taken over from the shared history, migrations run now. */
public record ModuleMigrationResult(MigrationModule module, int adopted, int executed) {
}
