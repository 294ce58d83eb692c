namespace StrategicTech.Fleet.Core;

/// <summary>What the fleet manager knows of one robot, updated from its VDA 5050 state and connection messages.</summary>
public sealed class FleetRobot(string manufacturer, string serialNumber)
{
    public string Manufacturer { get; } = manufacturer;

    public string SerialNumber { get; } = serialNumber;

    /// <summary>Graph vertex of the last node reached (or of the reported position before any order); -1 until known.</summary>
    public int Vertex { get; set; } = -1;

    public bool Online { get; set; }

    /// <summary>The robot's last factsheet (sent on connect and on factsheetRequest); null until one came.</summary>
    public RobotFactsheet? Factsheet { get; set; }

    public double BatteryPercent { get; set; } = 100;

    public bool Charging { get; set; }

    /// <summary>Sent to a charger below the low threshold; stays there until the full threshold.</summary>
    public bool NeedsCharge { get; set; }

    public bool Paused { get; set; }

    /// <summary>Emergency stop from the API: paused and held out of work until resumed.</summary>
    public bool EStopped { get; set; }

    public bool Driving { get; set; }

    public string? OrderId { get; set; }

    /// <summary>The VDA 5050 order id and update id the robot last reported in its state.</summary>
    public string ReportedOrderId { get; set; } = string.Empty;

    public uint ReportedOrderUpdateId { get; set; }

    public int OrdersCompleted { get; set; }

    /// <summary>Cell a lost robot may occupy besides its last node: the next node of the base it had been given.</summary>
    public List<int> HeldVertices { get; } = [];

    /// <summary>Until when (µs) a lost robot may still be driving its base; then only <see cref="HeldAfterBase"/> stays held.</summary>
    public long HeldUntilUs { get; set; }

    /// <summary>Cell held once a lost robot that still says nothing is taken to have stopped: the one it was heading to.</summary>
    public List<int> HeldAfterBase { get; } = [];

    /// <summary>VDA 5050 order the robot held when it was lost; cancelled once it is heard again with nodes of it left.</summary>
    public string? StaleOrderId { get; set; }

    /// <summary>When the last cancelOrder for <see cref="StaleOrderId"/> went out (µs, manager clock).</summary>
    public long StaleCancelSentUs { get; set; } = long.MinValue / 2;

    /// <summary>Able to take part in planning: online, position known, not paused.</summary>
    public bool Available => Online && Vertex >= 0 && !Paused && !EStopped;
}
