#!/usr/bin/env python3
"""Drives the Kontor dashboard's dead letters in headless Chromium (selenium): log in, find the open dead letter of a
stage, inspect it (error class, payload and headers as kept), replay it after the dry run, and check the answer.
Saves PNG screenshots and prints their paths.

Usage: dead_letter_check.py BASE_URL TOKEN SCREENSHOT_DIR STAGE PAYLOAD_TEXT
Exit status 0 when every check passed, 1 when a check failed, 2 when selenium or chromium is missing.
"""
import os
import sys

from dashboard_check import browser

try:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    print("python3 selenium is missing: `make test` installs it (pip install selenium)", file=sys.stderr)
    sys.exit(2)


def main():
    base, token, folder, stage, payload = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
    os.makedirs(folder, exist_ok=True)
    shots = []
    driver = browser()
    wait = WebDriverWait(driver, 30, ignored_exceptions=[StaleElementReferenceException])

    def shot(name):
        path = os.path.join(folder, name + ".png")
        driver.save_screenshot(path)
        shots.append(path)

    def text(selector):
        return driver.find_element(By.CSS_SELECTOR, selector).text.strip()

    try:
        driver.get(base + "/dashboard")
        wait.until(EC.visibility_of_element_located((By.ID, "login-secret")))
        driver.find_element(By.ID, "login-secret").send_keys(token)
        driver.find_element(By.ID, "login-submit").click()
        wait.until(EC.visibility_of_element_located((By.ID, "app")))
        row = f'#dlq tr[data-stage="{stage}"]'
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, row) and text(row + " td.num") == "1")

        driver.find_element(By.CSS_SELECTOR, f'button[data-inspect="{stage}"]').click()
        wait.until(EC.visibility_of_element_located((By.ID, "dlq-panel")))
        records = "#dlq-records tr[data-dlq-id]"
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, records)) == 1)
        cells = [c.text for c in driver.find_elements(By.CSS_SELECTOR, records + " td")]
        assert cells[1] == "unparseable", f"error class {cells[1]!r}"
        assert cells[3] == "1", f"attempts {cells[3]!r}"
        driver.find_element(By.CSS_SELECTOR, records).click()
        wait.until(EC.visibility_of_element_located((By.ID, "dlq-detail")))
        wait.until(lambda d: payload.strip() in text("#dlq-detail"))
        detail = text("#dlq-detail")
        assert f"stage: {stage}" in detail, detail
        assert "error: unparseable: not a JSON event" in detail, detail
        assert "kontor-event-id: dash-poison-1" in detail, detail
        shot("dlq-1-inspected")

        driver.find_element(By.CSS_SELECTOR, f'button[data-stage="{stage}"]').click()
        wait.until(EC.element_to_be_clickable((By.ID, "dlq-confirm")))
        assert "1 open dead letter(s) selected" in text("#dlq-message"), text("#dlq-message")
        driver.find_element(By.ID, "dlq-confirm").click()
        wait.until(lambda d: "Replayed 1 of 1." in text("#dlq-message"))
        shot("dlq-2-replayed")
    except Exception as error:  # noqa: BLE001 - any failure is reported with a screenshot
        shot("dlq-failure")
        print(f"dead letter check failed: {type(error).__name__}: {error}", file=sys.stderr)
        for path in shots:
            print(path)
        return 1
    finally:
        driver.quit()
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
