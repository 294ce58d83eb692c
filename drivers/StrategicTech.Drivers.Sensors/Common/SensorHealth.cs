namespace StrategicTech.Drivers.Sensors.Common;

/// <summary>The last kind of trouble a device showed.</summary>
public enum SensorFault
{
    None,
    /// <summary>The bus threw (device absent, NACK, SPI/I2C I/O error).</summary>
    BusError,
    /// <summary>The identity register held the wrong value (wrong part, or MISO stuck).</summary>
    BadIdentity,
    /// <summary>The same raw measurement repeated for longer than real sensor noise allows.</summary>
    StuckData,
    /// <summary>The device answered but delivered no new data for longer than its rate allows.</summary>
    NoData,
    /// <summary>Calibration memory failed its checksum or held impossible values.</summary>
    BadCalibration,
    /// <summary>The device reported an overflow (FIFO overrun, magnetic overflow).</summary>
    Overflow,
}

/// <summary>
/// Health of one device: counters per fault kind and a consecutive-failure count. A driver records faults here
/// instead of throwing, so a sensor that stops answering degrades the vehicle rather than crashing the loop.
/// </summary>
public sealed class SensorHealth
{
    private readonly int _faultAfterConsecutiveFailures;

    public SensorHealth(int faultAfterConsecutiveFailures = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(faultAfterConsecutiveFailures, 1);
        _faultAfterConsecutiveFailures = faultAfterConsecutiveFailures;
    }

    public long GoodReads { get; private set; }
    public long BusErrors { get; private set; }
    public long BadIdentities { get; private set; }
    public long StuckDataEvents { get; private set; }
    public long NoDataEvents { get; private set; }
    public long CalibrationErrors { get; private set; }
    public long Overflows { get; private set; }
    public int ConsecutiveFailures { get; private set; }
    public SensorFault LastFault { get; private set; }

    /// <summary>True until the device has failed several times in a row (or failed identity/calibration at start).</summary>
    public bool IsHealthy => ConsecutiveFailures < _faultAfterConsecutiveFailures && !PermanentFault;

    /// <summary>Identity or calibration failed: reads are refused until the device is initialized again successfully.</summary>
    public bool PermanentFault { get; private set; }

    public void RecordGood()
    {
        GoodReads++;
        ConsecutiveFailures = 0;
    }

    public void Record(SensorFault fault)
    {
        switch (fault)
        {
            case SensorFault.BusError: BusErrors++; break;
            case SensorFault.BadIdentity: BadIdentities++; PermanentFault = true; break;
            case SensorFault.StuckData: StuckDataEvents++; break;
            case SensorFault.NoData: NoDataEvents++; break;
            case SensorFault.BadCalibration: CalibrationErrors++; PermanentFault = true; break;
            case SensorFault.Overflow: Overflows++; break;
            case SensorFault.None: return;
        }

        LastFault = fault;
        ConsecutiveFailures++;
    }

    /// <summary>Called by a driver when (re)initialization succeeded: clears the permanent-fault latch.</summary>
    public void RecordInitialized()
    {
        PermanentFault = false;
        ConsecutiveFailures = 0;
    }
}
