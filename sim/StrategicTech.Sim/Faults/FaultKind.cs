namespace StrategicTech.Sim.Faults;

/// <summary>What a scheduled fault does while it is active.</summary>
public enum FaultKind
{
    /// <summary>The GNSS receiver loses its fix: it still reports, with no fix and no satellites.</summary>
    GnssLoss,

    /// <summary>GNSS position is offset by <see cref="Fault.Vector"/> (NED, m), e.g. a spoofing or multipath jump.</summary>
    GnssPositionJump,

    /// <summary>An extra magnetic field <see cref="Fault.Vector"/> (body FRD, gauss) adds to the magnetometer reading.</summary>
    MagInterference,

    /// <summary>Motor <see cref="Fault.MotorIndex"/> delivers only <see cref="Fault.Fraction"/> of its commanded output (0 = dead).</summary>
    MotorFailure,

    /// <summary>
    /// At start, the pack loses <see cref="Fault.Fraction"/> of its remaining charge (permanent); while active, its
    /// terminal voltage is lowered by <see cref="Fault.VoltageDropV"/>.
    /// </summary>
    BatteryDrop,

    /// <summary>The ground station's link is cut: its HEARTBEATs stop reaching the vehicle (scenario runs play the ground station).</summary>
    DataLinkLoss,

    /// <summary>The RC transmitter's signal is lost: the simulated receiver keeps sending frames flagged failsafe (as SBUS and CRSF receivers do).</summary>
    RcLoss,

    /// <summary>
    /// The magnetometer is mounted rotated against the airframe by the Euler angles <see cref="Fault.Vector"/> (roll,
    /// pitch, yaw, rad): it reads the body field in its own axes, e.g. a compass turned 90° or 180° in yaw with its
    /// rotation parameter not set.
    /// </summary>
    MagRotation,
}
