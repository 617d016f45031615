using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WebhookCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_webhook_deliveries_webhook_subscriptions_subscription_id",
                table: "webhook_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_open",
                table: "webhook_deliveries");

            migrationBuilder.AddColumn<int>(
                name: "failed_count",
                table: "webhook_subscriptions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                table: "webhook_subscriptions",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_failure_at",
                table: "webhook_subscriptions",
                type: "timestamp with time zone",
                nullable: true);

            // The counts and latest errors as the deliveries stand now; a deleted subscription's deliveries are swept in
            // the background from its tombstone (DeliverySweeper).
            migrationBuilder.Sql("""
                UPDATE webhook_subscriptions s
                SET failed_count = f.failed, last_error = f.last_error, last_failure_at = f.last_failure_at
                FROM (SELECT subscription_id,
                             count(*) FILTER (WHERE status = 'failed')::int AS failed,
                             (array_agg(last_error ORDER BY last_attempt_at DESC) FILTER (WHERE last_error IS NOT NULL))[1] AS last_error,
                             max(last_attempt_at) FILTER (WHERE last_error IS NOT NULL) AS last_failure_at
                      FROM webhook_deliveries WHERE status <> 'delivered' GROUP BY subscription_id) f
                WHERE s.id = f.subscription_id;
                CREATE TABLE webhook_deletions (
                    subscription_id uuid PRIMARY KEY,
                    deleted_at timestamptz NOT NULL DEFAULT now());
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DELETE FROM webhook_deliveries d WHERE NOT EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = d.subscription_id);
                DROP TABLE webhook_deletions;
                """);

            migrationBuilder.DropColumn(
                name: "failed_count",
                table: "webhook_subscriptions");

            migrationBuilder.DropColumn(
                name: "last_error",
                table: "webhook_subscriptions");

            migrationBuilder.DropColumn(
                name: "last_failure_at",
                table: "webhook_subscriptions");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_open",
                table: "webhook_deliveries",
                column: "subscription_id",
                filter: "status <> 'delivered'");

            migrationBuilder.AddForeignKey(
                name: "FK_webhook_deliveries_webhook_subscriptions_subscription_id",
                table: "webhook_deliveries",
                column: "subscription_id",
                principalTable: "webhook_subscriptions",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
