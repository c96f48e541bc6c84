import { mountPage } from '../../components/mountPage';
import { PrivacyPage } from '../../components/privacy/PrivacyPage';

mountPage(<PrivacyPage />);
