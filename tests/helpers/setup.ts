import nock from "nock";
import { afterEach, beforeAll } from "vitest";

// No test may reach the network: every external service is faked at the HTTP level.
beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});
