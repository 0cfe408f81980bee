// Acks first: the work a command does after its own ack gives way to other
// requests still waiting for theirs (src/platforms/slack/requests.ts), on
// fake timers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACK_WAIT_MS, InFlight } from '../../../src/platforms/slack/requests.ts';

afterEach(() => void vi.useRealTimers());

describe('Slack: requests in flight', () => {
  it("holds a command's next stage while another request waits for its ack, and goes on once it has it", async () => {
    vi.useFakeTimers();
    const requests = new InFlight();
    const acked = requests.arrived();
    let next = false;
    void requests.letOthersIn().then(() => (next = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(next).toBe(false);
    acked();
    await vi.advanceTimersByTimeAsync(0);
    expect(next).toBe(true);
  });

  it('never holds a stage longer than ACK_WAIT_MS for a request that gets no ack', async () => {
    vi.useFakeTimers();
    const requests = new InFlight();
    requests.arrived();
    let next = false;
    void requests.letOthersIn().then(() => (next = true));
    await vi.advanceTimersByTimeAsync(ACK_WAIT_MS - 1);
    expect(next).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(next).toBe(true);
  });

  it('counts an ack once, however often the response reports it (finish, then close)', async () => {
    vi.useFakeTimers();
    const requests = new InFlight();
    const first = requests.arrived();
    const second = requests.arrived();
    first();
    first();
    let next = false;
    void requests.letOthersIn().then(() => (next = true));
    await vi.advanceTimersByTimeAsync(10);
    // The second request is still waiting: one ack reported twice did not count for it.
    expect(next).toBe(false);
    second();
    await vi.advanceTimersByTimeAsync(0);
    expect(next).toBe(true);
  });
});
