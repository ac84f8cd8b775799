package org.mailaccess.pop3.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailaccess.MessageKey;
import org.mailaccess.ProtocolViolationException;

class MessageIndexTest {

    @Test
    void mapsUidlsToNumbersAndTakesSizesFromList() {
        MessageIndex index = MessageIndex.fromUidl(List.of("1 whqtswO00WBw418f9t5JxYwZ", "3 QhdPYR:00WBw1Ph7x7"));
        index.applySizes(List.of("1 120", "3 200"));
        assertThat(index.find(MessageKey.pop3("QhdPYR:00WBw1Ph7x7")).number).isEqualTo(3);
        assertThat(index.find(MessageKey.pop3("QhdPYR:00WBw1Ph7x7")).size).isEqualTo(200);
        assertThat(index.find(MessageKey.pop3("unknown"))).isNull();
        assertThat(index.live()).extracting(e -> e.number).containsExactly(1, 3);
    }

    @Test
    void duplicateUidlsAreRefused() {
        assertThatThrownBy(() -> MessageIndex.fromUidl(List.of("1 a", "2 b", "3 a")))
                .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("1 and 3");
    }

    @Test
    void malformedLinesAreRefused() {
        assertThatThrownBy(() -> MessageIndex.fromUidl(List.of("x a"))).isInstanceOf(ProtocolViolationException.class);
        assertThatThrownBy(() -> MessageIndex.fromUidl(List.of("1"))).isInstanceOf(ProtocolViolationException.class);
        MessageIndex index = MessageIndex.fromUidl(List.of("1 a"));
        assertThatThrownBy(() -> index.applySizes(List.of("1 big"))).isInstanceOf(ProtocolViolationException.class);
    }

    @Test
    void deletionMarksHideMessagesUntilUndone() {
        MessageIndex index = MessageIndex.fromUidl(List.of("1 a", "2 b"));
        index.find(MessageKey.pop3("a")).deleted = true;
        assertThat(index.live()).extracting(e -> e.key.id()).containsExactly("b");
        assertThat(index.deletedKeys()).containsExactly(MessageKey.pop3("a"));
        index.undeleteAll();
        assertThat(index.deletedKeys()).isEmpty();
    }
}
