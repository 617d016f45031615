using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CancellationPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "booking_notice_minutes",
                table: "specialists",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "cancel_notice_minutes",
                table: "specialists",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "cancellation_reason",
                table: "specialists",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "optional");

            migrationBuilder.AddColumn<int>(
                name: "booking_notice_minutes",
                table: "slots",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "cancel_notice_minutes",
                table: "slots",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cancellation_reason",
                table: "slots",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            // Bookings made before the policy were made under the default one: cancellable until their slot starts.
            migrationBuilder.AddColumn<DateTime>(
                name: "cancellable_until",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);
            migrationBuilder.Sql("UPDATE bookings b SET cancellable_until = s.starts_at FROM slots s WHERE s.id = b.slot_id;");
            migrationBuilder.AlterColumn<DateTime>(
                name: "cancellable_until",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "timestamp with time zone",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cancellation_reason",
                table: "bookings",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cancelled_by",
                table: "bookings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "cancelled_late",
                table: "bookings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "policy_booking_notice_minutes",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "policy_cancel_notice_minutes",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "policy_cancellation_reason",
                table: "bookings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "optional");

            migrationBuilder.AddCheckConstraint(
                name: "ck_specialists_cancellation_reason",
                table: "specialists",
                sql: "cancellation_reason IN ('optional', 'required')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_slots_cancellation_reason",
                table: "slots",
                sql: "cancellation_reason IN ('optional', 'required')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bookings_cancelled_by",
                table: "bookings",
                sql: "cancelled_by IN ('customer', 'specialist', 'admin', 'service')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bookings_policy_reason",
                table: "bookings",
                sql: "policy_cancellation_reason IN ('optional', 'required')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_specialists_cancellation_reason",
                table: "specialists");

            migrationBuilder.DropCheckConstraint(
                name: "ck_slots_cancellation_reason",
                table: "slots");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bookings_cancelled_by",
                table: "bookings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bookings_policy_reason",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "booking_notice_minutes",
                table: "specialists");

            migrationBuilder.DropColumn(
                name: "cancel_notice_minutes",
                table: "specialists");

            migrationBuilder.DropColumn(
                name: "cancellation_reason",
                table: "specialists");

            migrationBuilder.DropColumn(
                name: "booking_notice_minutes",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "cancel_notice_minutes",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "cancellation_reason",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "cancellable_until",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "cancellation_reason",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "cancelled_by",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "cancelled_late",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "policy_booking_notice_minutes",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "policy_cancel_notice_minutes",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "policy_cancellation_reason",
                table: "bookings");
        }
    }
}
