using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WebhookBreaker : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_due",
                table: "webhook_deliveries");

            migrationBuilder.AddColumn<DateTime>(
                name: "disabled_at",
                table: "webhook_subscriptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "failing_since",
                table: "webhook_subscriptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "failures",
                table: "webhook_subscriptions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "parked_until",
                table: "webhook_subscriptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "parks",
                table: "webhook_subscriptions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_due",
                table: "webhook_deliveries",
                columns: new[] { "subscription_id", "next_attempt_at" },
                filter: "status IN ('pending', 'sending')");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_sending",
                table: "webhook_deliveries",
                column: "subscription_id",
                filter: "status = 'sending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_due",
                table: "webhook_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_sending",
                table: "webhook_deliveries");

            migrationBuilder.DropColumn(
                name: "disabled_at",
                table: "webhook_subscriptions");

            migrationBuilder.DropColumn(
                name: "failing_since",
                table: "webhook_subscriptions");

            migrationBuilder.DropColumn(
                name: "failures",
                table: "webhook_subscriptions");

            migrationBuilder.DropColumn(
                name: "parked_until",
                table: "webhook_subscriptions");

            migrationBuilder.DropColumn(
                name: "parks",
                table: "webhook_subscriptions");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_due",
                table: "webhook_deliveries",
                column: "next_attempt_at",
                filter: "status IN ('pending', 'sending')");
        }
    }
}
