namespace StrategicTech.Autopilot.Runtime;

/// <summary>What a producer does when a background writer's queue is full.</summary>
public enum QueueOverflow
{
    /// <summary>Drop the chunk and count it: a real-time loop never waits for I/O.</summary>
    Drop,

    /// <summary>
    /// Wait until the writer has made room: for lockstep simulation, which has no deadline and must keep every byte
    /// so that the same seed writes the same log.
    /// </summary>
    Wait,
}
