namespace StrategicTech.Autopilot.Hal;

/// <summary>
/// Motor outputs (PWM, DShot, or the simulator's rotors). <paramref name="commands"/> holds one normalised command
/// per motor in the airframe's motor order, 0 = stopped (disarmed value) .. 1 = full; the sink maps it to its own
/// range (e.g. 1000..2000 µs). Called by the vehicle at the rate-loop rate, on the loop thread: it must not block or
/// allocate (a driver writes registers or queues the values to its own thread).
/// </summary>
public interface IMotorOutputSink
{
    void WriteMotors(long timeUs, ReadOnlySpan<double> commands);
}
