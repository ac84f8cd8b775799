package org.mailaccess.pop3.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

class FileLedgerTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final String[] UIDLS = {"uid-1", "AAx9/+=", "with space", "100%", "ünïcode", "x"};

    @TempDir
    Path dir;

    private final java.util.concurrent.atomic.AtomicInteger examples = new java.util.concurrent.atomic.AtomicInteger();

    private static LedgerChange change(int kind, int uidl, int seconds) {
        String u = UIDLS[uidl];
        Instant at = T0.plusSeconds(seconds);
        switch (kind) {
            case 0:
                return seconds % 2 == 0 ? new LedgerChange.Downloaded(u, at, seconds * 7L)
                        : new LedgerChange.Downloaded(u, at, seconds * 7L, java.util.Optional.of("id " + u),
                                java.util.Optional.of("h1:" + seconds));
            case 8:
                return new LedgerChange.Fingerprinted(u, "h1:" + seconds);
            case 1:
                return new LedgerChange.Marked(u, Mark.values()[seconds % 3]);
            case 2:
                return new LedgerChange.Unmarked(u);
            case 3:
                return new LedgerChange.RemovedFromTrash(u, at);
            case 4:
                return new LedgerChange.DeleteRequested(u);
            case 5:
                return new LedgerChange.Gone(u, at);
            case 6:
                return new LedgerChange.Forgotten(u);
            default:
                return new LedgerChange.LoggedIn(at, seconds % 2 == 0 ? OptionalInt.empty() : OptionalInt.of(seconds));
        }
    }

    private static final Gen<LedgerChange> CHANGES = integers().between(0, 8).zip(
            integers().between(0, UIDLS.length - 1), integers().between(0, 100_000), FileLedgerTest::change);

    private static final Gen<List<List<LedgerChange>>> BATCHES = lists().of(lists().of(CHANGES).ofSizeBetween(1, 4))
            .ofSizeBetween(1, 12);

    @Test
    void committedChangesSurviveReopening() throws IOException {
        Path file = dir.resolve("ann.ledger");
        LedgerState expected;
        try (FileLedger ledger = FileLedger.open(file)) {
            ledger.commit(List.of(new LedgerChange.Downloaded("uid 1", T0, 42),
                    new LedgerChange.Marked("uid-2", Mark.DOWNLOAD)));
            ledger.commit(List.of(new LedgerChange.LoggedIn(T0, OptionalInt.of(300))));
            expected = ledger.load();
        }
        try (FileLedger again = FileLedger.open(file)) {
            assertThat(again.load()).isEqualTo(expected);
            assertThat(again.load().isDownloaded("uid 1")).isTrue();
        }
        assertThat(Files.readString(file)).startsWith("mailaccess-ledger 2\n").contains("D uid%201 ");
    }

    @Test
    void aVersion1LedgerIsReadAndRewrittenAsVersion2() throws IOException {
        Path file = dir.resolve("old.ledger");
        String record = "D uid-1 2025-03-01T10:00:00Z 42\n";
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(record.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.writeString(file, "mailaccess-ledger 1\nT 1 " + Long.toHexString(crc.getValue()) + "\n" + record);

        try (FileLedger ledger = FileLedger.open(file)) {
            LedgerState.DownloadRecord r = ledger.load().downloads().get("uid-1");
            assertThat(r.size()).isEqualTo(42);
            assertThat(r.fingerprint()).isEmpty();
            assertThat(r.storeId()).isEmpty();
            ledger.commit(List.of(new LedgerChange.Downloaded("uid-2", T0, 7, java.util.Optional.of("a b"),
                    java.util.Optional.of("h1:00"))));
        }
        assertThat(Files.readString(file)).startsWith("mailaccess-ledger 2\n").contains("D uid-1 ")
                .contains("D uid-2 " + T0 + " 7 a%20b h1:00");
        try (FileLedger again = FileLedger.open(file)) {
            assertThat(again.load().downloads().get("uid-2").storeId()).contains("a b");
        }
    }

    @Test
    void anyCommitSequenceReadsBackAsTheSameState() {
        qt().withExamples(50).withShrinkCycles(20).forAll(BATCHES).checkAssert(batches -> {
            Path file = fresh();
            LedgerState expected = LedgerState.EMPTY;
            try (FileLedger ledger = FileLedger.open(file)) {
                for (List<LedgerChange> batch : batches) {
                    ledger.commit(batch);
                    expected = expected.with(batch);
                }
                assertThat(ledger.load()).isEqualTo(expected);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try (FileLedger again = FileLedger.open(file)) {
                assertThat(again.load()).isEqualTo(expected);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** PITFALLS D7: a crash mid-write leaves a torn tail; whatever the cut, the last completed commit is what counts. */
    @Test
    void aJournalCutAtAnyByteReopensAsTheLastCompleteCommit() throws IOException {
        Path file = dir.resolve("cut.ledger");
        List<LedgerState> afterEachCommit = new ArrayList<>();
        List<Long> lengths = new ArrayList<>();
        try (FileLedger ledger = FileLedger.open(file)) {
            afterEachCommit.add(ledger.load());
            lengths.add(Files.size(file));
            for (int i = 0; i < 4; i++) {
                ledger.commit(List.of(change(2 * i, i % UIDLS.length, i * 11), change(2 * i + 1, (i + 1) % UIDLS.length,
                        i)));
                afterEachCommit.add(ledger.load());
                lengths.add(Files.size(file));
            }
        }
        byte[] whole = Files.readAllBytes(file);
        int header = "mailaccess-ledger 1\n".length();
        for (int cut = header; cut <= whole.length; cut++) {
            Path torn = dir.resolve("torn-" + cut + ".ledger");
            Files.write(torn, java.util.Arrays.copyOf(whole, cut));
            int complete = 0;
            while (complete + 1 < lengths.size() && lengths.get(complete + 1) <= cut) {
                complete++;
            }
            boolean checkLaterCommit = cut % 5 == 0; // every byte is checked; a later commit on a sample (fsync is slow)
            try (FileLedger reopened = FileLedger.open(torn)) {
                assertThat(reopened.load()).as("cut at byte %d", cut).isEqualTo(afterEachCommit.get(complete));
                if (checkLaterCommit) {
                    // The torn tail is gone, so later commits do not follow garbage.
                    reopened.commit(List.of(new LedgerChange.Marked("x", Mark.IGNORE)));
                }
            }
            if (checkLaterCommit) {
                try (FileLedger third = FileLedger.open(torn)) {
                    assertThat(third.load()).isEqualTo(afterEachCommit.get(complete).with(
                            List.of(new LedgerChange.Marked("x", Mark.IGNORE))));
                }
            }
        }
    }

    @Test
    void damageBeforeTheLastCommitIsReportedInsteadOfSkipped() throws IOException {
        Path file = dir.resolve("damaged.ledger");
        try (FileLedger ledger = FileLedger.open(file)) {
            ledger.commit(List.of(new LedgerChange.Downloaded("a", T0, 1)));
            ledger.commit(List.of(new LedgerChange.Downloaded("b", T0, 2)));
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replaceFirst("D a ", "D z "), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FileLedger.open(file)).isInstanceOf(IOException.class).hasMessageContaining("damaged");
        assertThat(Files.readString(file)).contains("D z "); // left for inspection
    }

    @Test
    void aFileThatIsNotALedgerIsRefused() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "my notes\n");

        assertThatThrownBy(() -> FileLedger.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a mailaccess ledger");
    }

    @Test
    void aSecondOpenOfTheSameLedgerIsRefusedWhileTheFirstIsOpen() throws IOException {
        Path file = dir.resolve("locked.ledger");
        try (FileLedger first = FileLedger.open(file)) {
            assertThatThrownBy(() -> FileLedger.open(file)).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use");
        }
        FileLedger.open(file).close();
    }

    @Test
    void compactionShrinksTheJournalAndKeepsTheState() throws IOException {
        Path file = dir.resolve("compact.ledger");
        LedgerState before;
        try (FileLedger ledger = FileLedger.open(file)) {
            for (int i = 0; i < 1500; i += 10) {
                // The same few UIDLs over and over: a long journal for a small state.
                List<LedgerChange> batch = new ArrayList<>();
                for (int j = i; j < i + 10; j++) {
                    batch.add(change(j % 8, j % UIDLS.length, j));
                }
                ledger.commit(batch);
            }
            before = ledger.load();
        }
        long lines = Files.readAllLines(file).size();
        assertThat(lines).isLessThan(1500);
        assertThat(Files.exists(dir.resolve("compact.ledger.tmp"))).isFalse();
        try (FileLedger again = FileLedger.open(file)) {
            assertThat(again.load()).isEqualTo(before);
        }
    }

    @Test
    void aLeftoverTemporaryFileFromACrashedCompactionIsIgnored() throws IOException {
        Path file = dir.resolve("t.ledger");
        try (FileLedger ledger = FileLedger.open(file)) {
            ledger.commit(List.of(new LedgerChange.Downloaded("a", T0, 1)));
        }
        Files.writeString(dir.resolve("t.ledger.tmp"), "mailaccess-ledger 1\nT 1 0\nD half");

        try (FileLedger again = FileLedger.open(file)) {
            assertThat(again.load().isDownloaded("a")).isTrue();
        }
    }

    private Path fresh() {
        return dir.resolve("prop-" + examples.incrementAndGet() + ".ledger");
    }
}
