using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.GroundStation.Gamepad;

/// <summary>
/// The open game controller as the render thread last saw it (raw SDL axes, -32768..32767; SDL's Y axes grow
/// downwards), and its mapping to MANUAL_CONTROL.
/// </summary>
public sealed class GamepadState(GamepadSettings settings)
{
    public const int AxisLeftX = 0;
    public const int AxisLeftY = 1;
    public const int AxisRightX = 2;
    public const int AxisRightY = 3;

    private readonly short[] _axes = new short[6];

    public GamepadSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    public bool Connected { get; private set; }

    /// <summary>SDL joystick instance id of the open controller.</summary>
    public int InstanceId { get; private set; } = -1;

    public string Name { get; private set; } = string.Empty;

    /// <summary>Times the pad was unplugged while open (the fly view shows the loss after the first).</summary>
    public int Disconnects { get; private set; }

    public void Connect(int instanceId, string name)
    {
        InstanceId = instanceId;
        Name = name;
        Connected = true;
        Array.Clear(_axes);
    }

    public void Disconnect()
    {
        if (Connected)
        {
            Disconnects++;
        }

        Connected = false;
        InstanceId = -1;
        Array.Clear(_axes);
    }

    public void SetAxis(int axis, short value)
    {
        if ((uint)axis < (uint)_axes.Length)
        {
            _axes[axis] = value;
        }
    }

    /// <summary>Shaped axis, -1..1, SDL sense (Y down positive).</summary>
    public double Axis(int axis) => StickShaping.Shape(_axes[axis], Settings.DeadBand, Settings.Expo);

    /// <summary>
    /// MANUAL_CONTROL for <paramref name="target"/>: x pitch forward (right stick up), y roll right, r yaw right
    /// (left stick X), each ±1000; z throttle 0..1000 with the left stick centred at 500 (PX4's POSCTL reads the
    /// centre as "hold height").
    /// </summary>
    public ManualControl ToMessage(byte target) => new()
    {
        Target = target,
        X = (short)Math.Round(-Axis(AxisRightY) * 1000),
        Y = (short)Math.Round(Axis(AxisRightX) * 1000),
        Z = (short)Math.Round((1 - Axis(AxisLeftY)) * 500),
        R = (short)Math.Round(Axis(AxisLeftX) * 1000),
    };
}
