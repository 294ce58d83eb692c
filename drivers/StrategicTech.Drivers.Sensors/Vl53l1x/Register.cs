namespace StrategicTech.Drivers.Sensors.Vl53l1x;

/// <summary>VL53L1X register indexes (16-bit, sent big-endian before the data), from ST's register map as used by its ULD API.</summary>
public enum Register : ushort
{
    SoftReset = 0x0000,
    VhvConfigTimeoutMacropLoopBound = 0x0008,
    VhvConfigInit = 0x000B,

    /// <summary>First register of the 91-byte default configuration block (0x2D..0x87).</summary>
    DefaultConfigurationStart = 0x002D,
    GpioHvMuxCtrl = 0x0030,
    GpioTioHvStatus = 0x0031,
    PhasecalConfigTimeoutMacrop = 0x004B,
    RangeConfigTimeoutMacropAHi = 0x005E,
    RangeConfigVcselPeriodA = 0x0060,
    RangeConfigTimeoutMacropBHi = 0x0061,
    RangeConfigVcselPeriodB = 0x0063,
    RangeConfigValidPhaseHigh = 0x0069,
    SystemIntermeasurementPeriod = 0x006C,
    SdConfigWoiSd0 = 0x0078,
    SdConfigInitialPhaseSd0 = 0x007A,
    SystemInterruptClear = 0x0086,
    SystemModeStart = 0x0087,
    ResultRangeStatus = 0x0089,
    ResultDssActualEffectiveSpadsSd0 = 0x008C,
    ResultAmbientCountRateMcpsSd0 = 0x0090,
    ResultFinalCrosstalkCorrectedRangeMmSd0 = 0x0096,
    ResultPeakSignalCountRateCrosstalkCorrectedMcpsSd0 = 0x0098,
    ResultOscCalibrateVal = 0x00DE,
    FirmwareSystemStatus = 0x00E5,
    IdentificationModelId = 0x010F,
}
