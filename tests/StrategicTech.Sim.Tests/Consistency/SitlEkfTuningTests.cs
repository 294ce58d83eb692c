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
    public void Accelerometer_noise_is_the_simulated_imus_noise_density_times_the_square_root_of_its_sample_rate()
    {
        // 70 µg/√Hz · 9.80665 = 6.865e-4 m/s²/√Hz at 1 kHz: per-sample delta-velocity variance density²·dt, which the
        // EKF's (dt·σ)² matches with σ = density·√1000 = 0.02171 m/s² (the EKF's PX4-like default is 0.35).
        UavEkfParameters tuned = SitlEkfTuning.MatchImu(new UavEkfParameters(), ImuParameters.Default);
        Assert.Equal(70e-6 * 9.80665 * Math.Sqrt(1000), tuned.AccelNoiseMps2, 12);
        Assert.InRange(tuned.AccelNoiseMps2, 0.0217, 0.0218);
    }

    [Fact]
    public void Gyro_noise_is_the_simulated_imus_rate_noise_density_times_the_square_root_of_its_sample_rate()
    {
        // 0.0028 °/s/√Hz = 4.887e-5 rad/s/√Hz at 1 kHz: 0.001545 rad/s (the EKF's PX4-like default is 0.015).
        UavEkfParameters tuned = SitlEkfTuning.MatchImu(new UavEkfParameters(), ImuParameters.Default);
        Assert.Equal(0.0028 * Math.PI / 180 * Math.Sqrt(1000), tuned.GyroNoiseRadps, 12);
        Assert.InRange(tuned.GyroNoiseRadps, 0.00154, 0.00155);
    }

    [Fact]
    public void Scenario_tuning_matches_the_imu_noise_only_when_asked()
    {
        var defaults = new UavEkfParameters();
        UavEkfParameters without = SitlEkfTuning.For(SensorSuiteParameters.Default, SimulationEnvironment.Default);
        UavEkfParameters matched = SitlEkfTuning.For(SensorSuiteParameters.Default, SimulationEnvironment.Default, matchImuNoise: true);
        Assert.Equal(defaults.AccelNoiseMps2, without.AccelNoiseMps2); // 0.35 m/s²
        Assert.Equal(defaults.GyroNoiseRadps, without.GyroNoiseRadps); // 0.015 rad/s
        Assert.Equal(SitlEkfTuning.AccelNoiseMps2(ImuParameters.Default), matched.AccelNoiseMps2);
        Assert.Equal(SitlEkfTuning.GyroNoiseRadps(ImuParameters.Default), matched.GyroNoiseRadps);
        Assert.Equal(without.GnssVelocityNoiseMps, matched.GnssVelocityNoiseMps);
        Assert.Equal(without.MagHeadingNoiseRad, matched.MagHeadingNoiseRad);
    }

    [Fact]
    public void Accelerometer_noise_follows_the_imu_rate_and_is_clamped_to_the_parameters_range()
    {
        ImuParameters at250Hz = ImuParameters.Default with { OutputRateHz = 250 };
        Assert.Equal(70e-6 * 9.80665 * Math.Sqrt(250), SitlEkfTuning.AccelNoiseMps2(at250Hz), 12); // 0.01085 m/s²
        Assert.Equal(1e-3, SitlEkfTuning.AccelNoiseMps2(ImuParameters.Ideal)); // noiseless IMU: the parameter's floor
        Assert.Equal(1e-4, SitlEkfTuning.GyroNoiseRadps(ImuParameters.Ideal)); // likewise
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
