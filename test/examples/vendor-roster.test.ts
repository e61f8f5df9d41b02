// Runs the vendor's test from examples/ as part of this suite (vitest collects test/** only): the
// import registers its describe blocks here.
import '../../examples/vendor-roster.test.js';
