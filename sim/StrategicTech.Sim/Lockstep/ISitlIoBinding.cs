using StrategicTech.Autopilot.Hal;
using StrategicTech.Autopilot.Vehicles;

namespace StrategicTech.Sim.Lockstep;

/// <summary>
/// How a <see cref="SitlVehicle"/>'s autopilot meets the simulator: the <see cref="VehicleIo"/> it reads and writes,
/// and the motor commands the physics takes. <see cref="SimulatedIoBinding"/> hands the sensor models' samples over
/// directly; a hardware-in-the-loop binding (<c>Hil.SimulatedBusBinding</c>) goes through the real drivers on
/// register simulators. Both run on the lockstep thread and allocate nothing per tick.
/// </summary>
public interface ISitlIoBinding
{
    VehicleIo Io { get; }

    /// <summary>The commands (0..1 per motor, airframe order) for the physics' next step.</summary>
    ReadOnlySpan<double> MotorCommands { get; }

    /// <summary>Called after each physics step: runs the sensor models on the new truth and makes their output readable.</summary>
    void Sample();
}

/// <summary>What a binding is built from: the vehicle's sensor models, physics and clock.</summary>
public sealed record SitlBindingContext(SensorModels.SensorSuite Sensors, Physics.MultirotorSimulation Physics, Navigation.Time.ManualClock Clock, int MotorCount, ulong SensorSeed = 1);

/// <summary>The plain SITL binding: sensor models → <see cref="SimulatedSensors"/>, motor sink → <see cref="SimulatedMotors"/>.</summary>
public sealed class SimulatedIoBinding : ISitlIoBinding
{
    private readonly SimulatedSensors _sensors;
    private readonly SimulatedMotors _motors;

    /// <param name="context">The vehicle's sensor models, physics and clock.</param>
    /// <param name="rc">An RC receiver to fit (null: none, as before; stick input then comes only over MAVLink).</param>
    public SimulatedIoBinding(SitlBindingContext context, IRcInput? rc = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _sensors = new SimulatedSensors(context.Sensors, context.Physics, context.SensorSeed);
        _motors = new SimulatedMotors(context.MotorCount);
        Io = new VehicleIo(_sensors, _sensors, _sensors, _motors) { Magnetometer = _sensors, RangeFinder = _sensors, Battery = _sensors, Rc = rc };
    }

    public VehicleIo Io { get; }

    public ReadOnlySpan<double> MotorCommands => _motors.Commands;

    public void Sample() => _sensors.Sample();
}
