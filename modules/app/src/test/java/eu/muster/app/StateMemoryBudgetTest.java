package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class StateMemoryBudgetTest {

    static {
        RocksDB.loadLibrary();
    }

    @Test
    void everyStoreCachesItsIndexAndFilterBlocksInTheSharedCacheAndChargesItsWriteBuffersToIt() {
        StateMemoryBudget budget = new StateMemoryBudget();
        try (Options first = withTable(); Options second = withTable()) {
            budget.setConfig("coordination-tracks", first, Map.of(StateMemoryBudget.BUDGET_BYTES, 8L * 1024 * 1024));
            budget.setConfig("coordination-views", second, Map.of(StateMemoryBudget.BUDGET_BYTES, 8L * 1024 * 1024));

            BlockBasedTableConfig table = (BlockBasedTableConfig) first.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
            assertThat(first.writeBufferManager()).isNotNull().isSameAs(second.writeBufferManager());
            budget.close("coordination-tracks", first);
            budget.close("coordination-views", second);
        }
    }

    @Test
    void theBudgetArrivesAsANumberOrAsText() {
        assertThat(StateMemoryBudget.budget(Map.of(StateMemoryBudget.BUDGET_BYTES, 1024L))).isEqualTo(1024L);
        assertThat(StateMemoryBudget.budget(Map.of(StateMemoryBudget.BUDGET_BYTES, "2048"))).isEqualTo(2048L);
    }

    @Test
    void withoutABudgetTheSetterNamesTheSettingToSet() {
        try (Options options = withTable()) {
            assertThatThrownBy(() -> new StateMemoryBudget().setConfig("coordination-tracks", options, Map.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(StateMemoryBudget.BUDGET_BYTES)
                    .hasMessageContaining(Setting.STREAMS_ROCKSDB_MEMORY.key());
        }
    }

    private static Options withTable() {
        Options options = new Options();
        options.setTableFormatConfig(new BlockBasedTableConfig());
        return options;
    }
}
