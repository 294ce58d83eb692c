using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Hal;
using StrategicTech.Autopilot.Parameters;

namespace StrategicTech.Autopilot.Vehicles;

/// <summary>
/// The RC flight-mode switch (PX4's RC_MAP_FLTMODE with COM_FLTMODE1..6): the mapped channel's 1000..2000 µs range
/// is cut into six equal slots, each naming a mode (PX4's numbering). A mode is requested when the switch moves
/// into a new slot, not on every frame, so a ground station's mode command holds until the pilot moves the switch.
/// The first valid frame only records where the switch stands. Frames flagged failsafe by the receiver are
/// ignored. No allocation (the parameter indices are looked up once).
/// </summary>
public sealed class RcModeSwitch
{
    private const int Slots = 6;
    private readonly ParameterStore _parameters;
    private readonly int _channelIndex;
    private readonly int[] _slotIndices = new int[Slots];
    private int _lastSlot = -1;

    public RcModeSwitch(ParameterStore parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
        _channelIndex = parameters.IndexOf("RC_MAP_FLTMODE");
        for (int i = 0; i < Slots; i++)
        {
            _slotIndices[i] = parameters.IndexOf("COM_FLTMODE" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The mode of the last switch movement the commander was asked for, and its answer.</summary>
    public (FlightMode Mode, CommandOutcome Outcome)? LastRequest { get; private set; }

    /// <summary>Looks at one receiver frame; asks <paramref name="commands"/> for the slot's mode when the switch moved.</summary>
    public void OnFrame(in RcInputSample frame, IVehicleCommands commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        int channel = (int)_parameters.Get(_channelIndex);
        ushort pulseUs = frame.ChannelUs(channel - 1);
        if (channel <= 0 || frame.Failsafe || pulseUs == 0)
        {
            return;
        }

        int slot = Math.Clamp((pulseUs - 1000) * Slots / 1001, 0, Slots - 1);
        bool moved = _lastSlot >= 0 && slot != _lastSlot;
        _lastSlot = slot;
        if (moved && ModeOf((int)_parameters.Get(_slotIndices[slot])) is { } mode)
        {
            LastRequest = (mode, commands.SetMode(mode));
        }
    }

    /// <summary>PX4's COM_FLTMODE numbering to our modes; null for unassigned (-1) and modes we do not fly (acro, follow-me, precision land).</summary>
    public static FlightMode? ModeOf(int px4Mode) => px4Mode switch
    {
        0 or 8 => FlightMode.Stabilized,
        1 => FlightMode.Altitude,
        2 => FlightMode.Position,
        3 => FlightMode.Mission,
        4 => FlightMode.Hold,
        5 => FlightMode.ReturnToLaunch,
        7 => FlightMode.Offboard,
        10 => FlightMode.Takeoff,
        11 => FlightMode.Land,
        _ => null,
    };
}
