import { describeFixtureVersions } from './helpers/fixture-versions.js';

// Every fixture on every supported chart version (test/helpers/fixture-versions.ts), half of the versions here.
describeFixtureVersions(1, 2);
