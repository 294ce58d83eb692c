using StrategicTech.Autopilot.Hal;

namespace StrategicTech.Sim.Lockstep;

/// <summary>The SITL binding of the motor outputs: holds the newest commands for the physics' next step.</summary>
public sealed class SimulatedMotors(int motorCount) : IMotorOutputSink
{
    private readonly double[] _commands = new double[motorCount];

    public ReadOnlySpan<double> Commands => _commands;

    public void WriteMotors(long timeUs, ReadOnlySpan<double> commands) => commands.CopyTo(_commands);
}
