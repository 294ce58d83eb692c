using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels;

namespace StrategicTech.Sim.Tests.Consistency;

public sealed class SitlEkfTuningTests
{
    private const double HorizontalFieldGauss = 0.21;

    [Fact]
    public void Gnss_velocity_floor_is_the_simulated_receivers_white_velocity_noise()
    {
        UavEkfParameters tuned = SitlEkfTuning.MatchSensors(new UavEkfParameters(), SensorSuiteParameters.Default, HorizontalFieldGauss);
        Assert.Equal(GnssParameters.Default.VelocityNoiseStdDevMps, tuned.GnssVelocityNoiseMps); // 0.05 m/s
    }

    [Fact]
    public void Heading_noise_of_a_calibrated_compass_is_the_0_1_rad_floor_above_its_white_noise_over_the_horizontal_field()
    {
        // White noise alone: 0.003 / 0.21 = 0.0143 rad, which made yaw overconfident and corrupted the alignment.
        MagParameters calibrated = MagParameters.Default with { HardIronFrdGauss = Vector3.Zero };
        Assert.Equal(SitlEkfTuning.MinHeadingNoiseRad, SitlEkfTuning.HeadingNoiseRad(calibrated, HorizontalFieldGauss));
        Assert.Equal(0.1, SitlEkfTuning.MinHeadingNoiseRad);
    }

    [Fact]
    public void Heading_noise_of_the_default_compass_adds_its_uncalibrated_hard_iron_in_quadrature()
    {
        // |(0.02, −0.01, 0.03)| = √0.0014 G → 0.1782 rad; with 0.0143 rad white: 0.1787 rad.
        double expected = Math.Sqrt((0.003 * 0.003) + 0.0014) / HorizontalFieldGauss;
        Assert.Equal(expected, SitlEkfTuning.HeadingNoiseRad(MagParameters.Default, HorizontalFieldGauss), 12);
    }

    [Fact]
    public void Heading_noise_is_the_floor_for_an_ideal_compass_and_the_parameters_maximum_for_a_vanishing_field()
    {
        Assert.Equal(0.1, SitlEkfTuning.HeadingNoiseRad(MagParameters.Ideal, HorizontalFieldGauss)); // 0 raised to the 0.1 rad floor
        Assert.Equal(1.0, SitlEkfTuning.HeadingNoiseRad(MagParameters.Default, 0)); // no horizontal field: heading unusable
    }

    [Fact]
    public void Scenario_tuning_uses_the_worlds_horizontal_field_at_home()
    {
        // SimulationEnvironment.Default is the WMM field at the default home; the default (uncalibrated) compass on it.
        UavEkfParameters tuned = SitlEkfTuning.For(SensorSuiteParameters.Default, SimulationEnvironment.Default);
        Navigation.Numerics.Vector3 field = SimulationEnvironment.Default.FieldAtHome.FieldNedGauss();
        double horizontal = Math.Sqrt((field.X * field.X) + (field.Y * field.Y));
        Assert.Equal(SitlEkfTuning.HeadingNoiseRad(MagParameters.Default, horizontal), tuned.MagHeadingNoiseRad, 12);
        Assert.InRange(tuned.MagHeadingNoiseRad, 0.17, 0.18); // 0.1740 rad on the WMM field's 0.215 G horizontal
        Assert.Equal(0.05, tuned.GnssVelocityNoiseMps);
    }

    [Fact]
    public void Scenario_tuning_of_a_calibrated_compass_counts_no_hard_iron_and_sits_on_the_heading_noise_floor()
    {
        // White noise 0.003 G on ~0.215 G horizontal is 0.014 rad, under the 0.1 rad floor.
        UavEkfParameters tuned = SitlEkfTuning.For(SensorSuiteParameters.Default, SimulationEnvironment.Default, magnetometerCalibrated: true);
        Assert.Equal(SitlEkfTuning.MinHeadingNoiseRad, tuned.MagHeadingNoiseRad);
    }
}
