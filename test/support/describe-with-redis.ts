/** `describe` when the global setup found Redis, `describe.skip` otherwise (the setup said so loudly). */
export const describeWithRedis: jest.Describe = process.env.TEST_REDIS_AVAILABLE === "1" ? describe : describe.skip;
