package com.driftsentry.gate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FixtureTest {
    @Test
    void editsInOrderAndStopsOnATextThatIsNotThere() {
        assertEquals("name: b\nhold: 4s\n", Fixture.edit("name: a\nhold: 12s\n", "name: a", "name: b", "hold: 12s", "hold: 4s"));
        AssertionError moved = assertThrows(AssertionError.class, () -> Fixture.edit("name: a\n", "name: x", "name: y"));
        assertTrue(moved.getMessage().contains("'name: x'"), moved.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fixture.edit("a", "a"));
    }
}
