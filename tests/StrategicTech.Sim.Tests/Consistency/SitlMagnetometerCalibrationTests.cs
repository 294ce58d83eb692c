using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels;

namespace StrategicTech.Sim.Tests.Consistency;

/// <summary>SITL vehicles start with CAL_MAG0_* set to their magnetometer model's hard and soft iron (a calibrated compass).</summary>
public sealed class SitlMagnetometerCalibrationTests
{
    private static readonly MagParameters Distorted = MagParameters.Default with
    {
        NoiseStdDevGauss = 0,
        HardIronFrdGauss = new Vector3(0.15, -0.1, 0.08),
        SoftIron = new Matrix3(1.1, 0.05, -0.03, 0.05, 0.92, 0.04, -0.03, 0.04, 1.0),
    };

    private static SitlVehicle Create(bool calibrated) => new(
        AirframeLoader.LoadBuiltIn("quad_x"), SimulationEnvironment.Default, sensorSeed: 1,
        sensors: SensorSuiteParameters.Default with { Mag = Distorted }, magnetometerCalibrated: calibrated);

    [Fact]
    public void A_calibrated_sitl_vehicle_corrects_the_models_hard_and_soft_iron_back_to_the_world_field_in_body_axes()
    {
        SitlVehicle v = Create(calibrated: true);
        v.StepFor(200_000);
        Assert.Equal(0.15, v.Parameters.Get("CAL_MAG0_XOFF"), 12);
        Assert.Equal(-0.1, v.Parameters.Get("CAL_MAG0_YOFF"), 12);
        Assert.Equal(0.08, v.Parameters.Get("CAL_MAG0_ZOFF"), 12);

        // The reading the model makes of the world field (noise off) and what the autopilot's correction stage makes of it.
        Vector3 bodyGauss = v.Truth.Attitude.RotateInverse(v.Truth.MagneticFieldNedGauss);
        Vector3 rawGauss = (Distorted.SoftIron * bodyGauss) + Distorted.HardIronFrdGauss;
        Vector3 correctedGauss = v.Vehicle.Corrections.Correct(new MagSample(v.Truth.TimeUs, rawGauss)).FieldGauss;
        Assert.True((correctedGauss - bodyGauss).Length < 1e-12, $"corrected {correctedGauss} vs body field {bodyGauss}");
        // Uncorrected, the distortion is 0.2 G on a 0.48 G field.
        Assert.True((rawGauss - bodyGauss).Length > 0.1);
    }

    [Fact]
    public void An_uncalibrated_sitl_vehicle_keeps_the_default_identity_mag_calibration()
    {
        SitlVehicle v = Create(calibrated: false);
        Assert.Equal(0, v.Parameters.Get("CAL_MAG0_XOFF"));
        Assert.Equal(1, v.Parameters.Get("CAL_MAG0_XSCALE"));
        Assert.Equal(0, v.Parameters.Get("CAL_MAG0_XODIAG"));
        Assert.Equal(Matrix3.Identity, v.Vehicle.Corrections.MagSoftIron);
    }

    [Fact]
    public void A_soft_iron_beyond_what_the_parameters_can_hold_is_refused()
    {
        var tooStrong = SensorSuiteParameters.Default with { Mag = Distorted with { SoftIron = new Matrix3(0.1, 0, 0, 0, 1, 0, 0, 0, 1) } };
        Assert.Throws<ArgumentOutOfRangeException>(() => new SitlVehicle(AirframeLoader.LoadBuiltIn("quad_x"), SimulationEnvironment.Default, sensors: tooStrong));
    }
}
