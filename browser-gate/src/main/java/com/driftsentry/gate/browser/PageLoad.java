package com.driftsentry.gate.browser;

/** One load of the dashboard: milliseconds to its data on the page (-1: never within the timeout) and to its largest contentful paint (-1: none reported). */
record PageLoad(double loadMs, double lcpMs) {
    boolean ready() {
        return loadMs >= 0;
    }

    /** The load event or the page's own "data shown" mark, whichever came later; -1 when the mark never came. */
    static PageLoad of(Object timings, double lcpMs) {
        java.util.List<?> t = (java.util.List<?>) timings;
        double loadEvent = ((Number) t.get(0)).doubleValue();
        double ready = ((Number) t.get(1)).doubleValue();
        return new PageLoad(ready < 0 ? -1 : Math.max(loadEvent, ready), lcpMs);
    }
}
